import { Injectable } from '@nestjs/common';
import { DistrictNameRow, JurisdictionsRepository } from 'src/jurisdictions/jurisdictions.repository';
import { nameKey } from 'src/reference/name-key';

export interface DistrictRef {
  readonly code: string;
  readonly jurisdiction: string;
  readonly name: string;
}

/**
 * Finds districts by P-code, official name or alias (any case, spacing or punctuation).
 * Loads the table once per call to `load()`; imports keep the returned lookup for a whole file.
 */
@Injectable()
export class DistrictResolver {
  constructor(private readonly repository: JurisdictionsRepository) {}

  async load(): Promise<DistrictLookup> {
    const rows = await this.repository.currentDistrictNames();
    return new DistrictLookup(rows);
  }
}

export class DistrictLookup {
  private readonly byKey = new Map<string, DistrictRef>();
  private readonly byCode = new Map<string, DistrictRef>();

  constructor(rows: DistrictNameRow[]) {
    for (const r of rows) {
      const ref = { code: r.code, jurisdiction: r.jurisdiction_code, name: r.name };
      this.byCode.set(r.code, ref);
      this.byKey.set(nameKey(r.name), ref);
      if (r.alias_key) this.byKey.set(r.alias_key, ref);
    }
  }

  /** A district by code or by any of its names; null when nothing matches. */
  find(text: string): DistrictRef | null {
    const trimmed = text.trim();
    return this.byCode.get(trimmed.toUpperCase()) ?? this.byKey.get(nameKey(trimmed)) ?? null;
  }

  all(): DistrictRef[] {
    return [...this.byCode.values()];
  }
}
