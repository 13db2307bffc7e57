import { SetMetadata } from '@nestjs/common';

export const WRITES_CASES = 'writesCases';

/**
 * Marks a controller whose POST, PUT, PATCH and DELETE routes write the case tables: once such a
 * write has committed, the statistics take it in before it is answered (StatisticsAfterCaseWrites),
 * so that the next reader of a figure does not wait for it.
 */
export const WritesCases = () => SetMetadata(WRITES_CASES, true);
