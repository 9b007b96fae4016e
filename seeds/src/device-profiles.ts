import type { Domain } from '#contracts';

/**
 * Device types of the sample city: which catalog metrics each reports (CONTRACT.md §4) and how often it
 * uploads, taken from the "Sampling / upload" columns of DOMAIN.md §a. Devices that sample fast and upload
 * features (bridges, tunnels) report the upload period, not the sensor scan rate.
 */
export interface DeviceProfile {
  domain: Domain;
  label: string;
  metrics: readonly string[];
  reportIntervalS: number;
}

const p = (domain: Domain, label: string, metrics: string[], reportIntervalS: number): DeviceProfile => ({
  domain,
  label,
  metrics,
  reportIntervalS,
});

export const PROFILES = {
  // §a.1: CH4 sampled every 1–5 min, uploaded every 15 min; T/RH ride along for compensation.
  gasManhole: p('gas', '窨井燃气监测仪', ['ch4_lel', 'c2h6_present', 'temperature_c'], 900),
  // §a.1 cover tilt is event-driven plus a periodic heartbeat; it shares the 15-min upload.
  gasManholeCover: p(
    'gas',
    '窨井燃气及井盖监测仪',
    ['ch4_lel', 'c2h6_present', 'temperature_c', 'cover_tilt_deg'],
    900,
  ),
  // §a.1 pipeline pressure: 1 min sample, 5–15 min upload → 5 min.
  gasPressure: p('gas', '燃气压力监测仪', ['pressure_mpa', 'temperature_c'], 300),
  // §a.2 primary-network pressure 1 min / 5 min; temperatures 1–5 min.
  heatNetwork: p(
    'heating',
    '热网压力温度监测点',
    ['supply_pressure_mpa', 'return_pressure_mpa', 'supply_temp_c', 'return_temp_c'],
    300,
  ),
  // §a.2 make-up water flow every 5 min, with the station pressures it is judged against.
  heatMakeup: p(
    'heating',
    '换热站补水监测',
    ['makeup_flow_th', 'supply_pressure_mpa', 'return_pressure_mpa'],
    300,
  ),
  // §a.2 inspection-well air temperature every 15 min (battery).
  heatWell: p('heating', '检查井温度监测仪', ['well_temp_c'], 900),
  // §a.3 network pressure: upload every 15 min.
  waterPressure: p('water', '管网压力监测点', ['pressure_mpa'], 900),
  // §a.3 DMA flow 5–15 min → 15 min, with inlet pressure.
  waterFlow: p('water', 'DMA 入口流量计', ['flow_m3h', 'pressure_mpa'], 900),
  // §a.3 acoustic leak noise: recorded at night, 1 report a day.
  waterAcoustic: p('water', '噪声记录仪', ['leak_noise_db'], 86_400),
  // §a.3 water quality 5–15 min → 15 min.
  waterQuality: p('water', '水质监测仪', ['turbidity_ntu'], 900),
  // §a.4 radar level gauge: default 5-min cycle.
  drainLevel: p('drainage', '雷达液位计', ['level_m', 'freeboard_m'], 300),
  // §a.4 sewer H2S rides with the level gauge where fitted.
  drainLevelGas: p('drainage', '液位及有害气体监测仪', ['level_m', 'freeboard_m', 'h2s_mgm3'], 300),
  // §a.4 flow/velocity every 5 min.
  drainFlow: p('drainage', '管道流量计', ['flow_m3h', 'level_m'], 300),
  // §a.4 rainfall every 5 min.
  rainGauge: p('drainage', '雨量计', ['rain_mm_h'], 300),
  // §a.4 ponding 1–5 min in rain → 5 min default.
  ponding: p('drainage', '积水监测仪', ['ponding_cm'], 300),
  // §a.5 strain: static 10-min mean.
  bridgeStrain: p('bridge', '应变计', ['strain_ue'], 600),
  // §a.5 deflection: 10-min mean.
  bridgeDeflection: p('bridge', '挠度仪', ['deflection_mm'], 600),
  // §a.5 acceleration: features uploaded (1-min RMS, modal frequency every 10 min–1 h) → 10 min.
  bridgeAccel: p('bridge', '加速度计', ['accel_rms_ms2', 'freq_hz'], 600),
  // §a.5 tilt: 10 min.
  bridgeTilt: p('bridge', '倾角仪', ['tilt_permille'], 600),
  // §a.5 crack width: 10-min mean.
  bridgeCrack: p('bridge', '裂缝计', ['crack_mm'], 600),
  // §a.5 WIM is per vehicle; the device uploads the heaviest vehicle of each minute (ASSUMPTION).
  bridgeWim: p('bridge', '动态称重系统', ['vehicle_t'], 60),
  // §a.6 wired PLC scan 1–10 s; one aggregated upload a minute (ASSUMPTION).
  tunnelEnv: p('tunnel', '舱室环境监测', ['temperature_c', 'humidity_pct', 'o2_pct', 'h2s_mgm3'], 60),
  tunnelGasCabin: p('tunnel', '燃气舱监测', ['ch4_lel', 'o2_pct', 'temperature_c', 'humidity_pct'], 60),
  tunnelSump: p('tunnel', '集水坑液位计', ['sump_level_m'], 60),
} as const satisfies Record<string, DeviceProfile>;

export type ProfileName = keyof typeof PROFILES;
