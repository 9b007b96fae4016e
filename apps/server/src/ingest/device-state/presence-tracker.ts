import { Injectable } from '@nestjs/common';
import { validateStatus } from '#domain';
import { DeviceDirectory, type DirectoryEntry } from '../../broker/device-directory.js';
import { PresenceBus } from '../readings-bus.js';
import { RejectionRecorder } from '../rejections/rejection-recorder.js';
import { DeviceStateWriter } from './device-state.writer.js';

/**
 * Presence from both signals (PEERS.md §5.A item 2, layered deadman §5.C item 14): the embedded broker's
 * connect/disconnect, and `…/status` messages, `{"online": false}` being also the device's Last Will.
 * Updates `devices.online` (batched) and tells the PresenceBus.
 */
@Injectable()
export class PresenceTracker {
  constructor(
    private readonly directory: DeviceDirectory,
    private readonly state: DeviceStateWriter,
    private readonly bus: PresenceBus,
    private readonly rejections: RejectionRecorder,
  ) {}

  /** A device's broker connections went from none to some (online) or back to none (offline). */
  connection(deviceId: string, online: boolean, now = Date.now()): void {
    const device = this.directory.get(deviceId);
    if (device) this.set(device, online, now, 'connection');
  }

  status(device: DirectoryEntry, topic: string, payload: Buffer, now: number): void {
    // An empty retained PUBLISH clears the retained status (MQTT-3.3.1-10); it says nothing about presence.
    if (payload.length === 0) return;
    const status = validateStatus(payload);
    if (status.ok) this.set(device, status.value, now, 'status');
    else
      this.rejections.record(
        { deviceId: device.profile.id, domain: device.profile.domain },
        topic,
        [status.rejection],
        now,
      );
  }

  private set(device: DirectoryEntry, online: boolean, at: number, source: 'connection' | 'status'): void {
    const { id: deviceId, domain } = device.profile;
    this.state.setOnline(deviceId, online);
    this.bus.publish({ deviceId, domain, assetId: device.assetId, online, at, source });
  }
}
