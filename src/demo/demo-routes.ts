import { DemoDistrict, DemoRoutePoint } from 'src/demo/demo-data';
import { DistrictPicker } from 'src/demo/district-picker';
import { DESTINATIONS_ABROAD, INBOUND_ORIGINS, IRREGULAR_ROUTES, PLACES } from 'src/demo/demo-patterns';
import { DemoRandom } from 'src/demo/demo-random';
import { OffenceFamily } from 'src/reference/code-lists';

export interface RouteFacts {
  readonly jurisdiction: string;
  /** The district where the case is registered. */
  readonly home: DemoDistrict;
  readonly family: OffenceFamily;
  /** The case's first exploitation form ('none' for smuggling). */
  readonly form: string;
  readonly transnational: boolean;
  /** Victims brought into Pakistan. */
  readonly inbound: boolean;
}

export interface CaseRoute {
  readonly route: DemoRoutePoint[];
  /** Where in Pakistan the victims were taken from, if there. */
  readonly origin: DemoDistrict | null;
  /** The victims' country, for those brought into Pakistan. */
  readonly foreignOrigin: string | null;
}

const pak = (district: DemoDistrict, kind: DemoRoutePoint['kind'], place: string | null = null): DemoRoutePoint => ({
  kind,
  country: 'PAK',
  district: district.code,
  place,
});
const abroad = (country: string, kind: DemoRoutePoint['kind'], place: string | null = null): DemoRoutePoint => ({
  kind,
  country,
  district: null,
  place,
});

/** Where the route crosses into Iran: the Taftan crossing (Chagai) or Mand (Kech). */
const irnTransit = (random: DemoRandom) =>
  abroad('IRN', 'transit', random.chance(0.75) ? 'via Taftan border crossing' : 'via Mand border crossing');

const GULF = new Set(['ARE', 'SAU', 'OMN', 'QAT', 'KWT', 'BHR']);

/**
 * A case's route, origin first: inside Pakistan from one district to another (often a city),
 * into Pakistan from Afghanistan or Bangladesh, out of it to where its form of exploitation
 * leads (the Gulf, China, Afghanistan…), or along the irregular routes to Europe.
 */
export function caseRoute(random: DemoRandom, places: DistrictPicker, facts: RouteFacts): CaseRoute {
  const { jurisdiction, home, family, form, transnational, inbound } = facts;
  let route: DemoRoutePoint[];
  let origin: DemoDistrict | null = null;
  let foreignOrigin: string | null = null;
  const place = () => (PLACES[form]?.length && random.chance(0.7) ? random.pick(PLACES[form]) : null);
  if (!transnational) {
    const registeredWhereExploited = random.chance(0.55);
    const elsewhere = random.chance(0.6) ? places.in(random, jurisdiction) : places.anywhere(random);
    origin = registeredWhereExploited ? (random.chance(0.2) ? home : elsewhere) : home;
    const destination = registeredWhereExploited ? home : (places.city(random) ?? elsewhere);
    route = [pak(origin, 'origin')];
    if (random.chance(0.12)) route.push(pak(places.anywhere(random), 'transit'));
    route.push(pak(destination, 'destination', place()));
  } else if (inbound) {
    const [from, ...via] = random.weighted(INBOUND_ORIGINS);
    foreignOrigin = from;
    route = [abroad(from, 'origin'), ...via.map((c) => abroad(c, 'transit')), pak(home, 'destination', place())];
  } else {
    origin = random.chance(0.75) ? home : places.in(random, jurisdiction);
    route = [pak(origin, 'origin')];
    if (family === 'tip') {
      const destination = random.weighted(DESTINATIONS_ABROAD[form] ?? DESTINATIONS_ABROAD.other);
      if (GULF.has(destination) && destination !== 'ARE' && random.chance(0.15)) route.push(abroad('ARE', 'transit'));
      if (destination === 'IRQ' && random.chance(0.5)) route.push(irnTransit(random));
      route.push(abroad(destination, 'destination', random.chance(0.5) ? place() : null));
    } else {
      const legs = random.weighted(IRREGULAR_ROUTES);
      legs.forEach((country, i) => {
        const kind = i === legs.length - 1 ? 'destination' : 'transit';
        route.push(country === 'IRN' && kind === 'transit' ? irnTransit(random) : abroad(country, kind));
      });
    }
  }
  return { route, origin, foreignOrigin };
}
