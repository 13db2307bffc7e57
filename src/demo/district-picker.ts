import { DemoDistrict } from 'src/demo/demo-data';
import { CITY_DESTINATIONS, DISTRICT_WEIGHTS, JURISDICTION_SHARES } from 'src/demo/demo-patterns';
import { DemoRandom } from 'src/demo/demo-random';

/** Draws districts of the reference tables, the larger ones (DISTRICT_WEIGHTS) more often; in code order, so the order given does not matter. */
export class DistrictPicker {
  private readonly byJurisdiction = new Map<string, Array<readonly [DemoDistrict, number]>>();
  private readonly byName = new Map<string, DemoDistrict>();
  readonly all: ReadonlyArray<readonly [DemoDistrict, number]>;

  constructor(districts: readonly DemoDistrict[]) {
    const sorted = [...districts].sort((a, b) => a.code.localeCompare(b.code));
    for (const d of sorted) {
      const list = this.byJurisdiction.get(d.jurisdiction) ?? [];
      list.push([d, DISTRICT_WEIGHTS[d.name] ?? 1]);
      this.byJurisdiction.set(d.jurisdiction, list);
      this.byName.set(d.name, d);
    }
    this.all = [...this.byJurisdiction.values()].flat();
    for (const [code] of JURISDICTION_SHARES) {
      if (!this.byJurisdiction.has(code)) throw new Error(`the reference tables have no district of ${code}`);
    }
  }

  in(random: DemoRandom, jurisdiction: string): DemoDistrict {
    return random.weighted(this.byJurisdiction.get(jurisdiction)!);
  }

  anywhere(random: DemoRandom): DemoDistrict {
    return random.weighted(this.all);
  }

  city(random: DemoRandom): DemoDistrict | undefined {
    return this.byName.get(random.weighted(CITY_DESTINATIONS));
  }
}
