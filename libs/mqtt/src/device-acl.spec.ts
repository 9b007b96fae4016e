import { publishRefusal, subscribeRefusal, type BrokerPrincipal } from './device-acl.js';

const device: BrokerPrincipal = { kind: 'device', deviceId: 'GAS-DEV-0001', domain: 'gas' };
const internal: BrokerPrincipal = { kind: 'internal', username: 'lifeline' };

describe('publishRefusal', () => {
  it.each([
    ['lifeline/v1/gas/GAS-DEV-0001/telemetry', true],
    ['lifeline/v1/gas/GAS-DEV-0001/status', true],
    ['lifeline/v1/gas/GAS-DEV-0001/event', true],
    ['lifeline/v1/gas/GAS-DEV-0001/errors', false],
    ['lifeline/v1/gas/GAS-DEV-0001/config', false],
    ['lifeline/v1/gas/GAS-DEV-0002/telemetry', false],
    ['lifeline/v1/water/GAS-DEV-0001/telemetry', false],
    ['lifeline/v1/gas/GAS-DEV-0001/telemetry/extra', false],
    ['lifeline/v1/gas/GAS-DEV-0001', false],
    ['$SYS/broker/x', false],
    ['other/topic', false],
  ])('device publishing %s → allowed %s', (topic, allowed) => {
    expect(publishRefusal(device, topic) === null).toBe(allowed);
  });

  it('lets the platform publish anywhere', () => {
    expect(publishRefusal(internal, 'lifeline/v1/gas/GAS-DEV-0002/errors')).toBeNull();
  });
});

describe('subscribeRefusal', () => {
  it.each([
    ['lifeline/v1/gas/GAS-DEV-0001/errors', true],
    ['lifeline/v1/gas/GAS-DEV-0001/config', true],
    ['lifeline/v1/gas/GAS-DEV-0001/telemetry', false],
    ['lifeline/v1/gas/GAS-DEV-0002/errors', false],
    ['lifeline/v1/gas/GAS-DEV-0001/+', false],
    ['lifeline/v1/gas/GAS-DEV-0001/#', false],
    ['lifeline/v1/gas/+/errors', false],
    ['#', false],
    ['$SYS/#', false],
  ])('device subscribing %s → allowed %s', (filter, allowed) => {
    expect(subscribeRefusal(device, filter) === null).toBe(allowed);
  });

  it('lets the platform subscribe to anything', () => {
    expect(subscribeRefusal(internal, 'lifeline/v1/+/+/errors')).toBeNull();
  });
});
