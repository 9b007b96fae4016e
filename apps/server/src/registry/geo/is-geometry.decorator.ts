import { registerDecorator, type ValidationArguments } from 'class-validator';
import { geometryProblem } from './geometry.js';

/** class-validator rule: a GeoJSON geometry the registry accepts (see geometry.ts). */
export function IsGeometry(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isGeometry',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => geometryProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'geometry'} ${geometryProblem(args?.value) ?? 'is invalid'}`,
      },
    });
  };
}
