import { ValidateIf } from 'class-validator';

/**
 * The field may be left out. Unlike class-validator's IsOptional, which skips null too,
 * an explicit null is validated — and so refused with the field's name where the column
 * cannot hold it (it reached the database as a 500 before). Nullable fields say so with
 * `@IsOptional() @ValidateIf((_, v) => v !== null)`.
 */
export const Optional = () => ValidateIf((_, value) => value !== undefined);
