import { Injectable } from '@nestjs/common';

/**
 * The time source of the alarm feature (the pure domain takes time as a parameter). One injectable so the
 * SLA and verification-window behaviour, measured in minutes and hours, can be exercised by moving it.
 */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
