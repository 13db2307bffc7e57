import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { within } from 'src/database/transactions';
import { Country } from 'src/reference/country.entity';

/** The reference tables: countries, law sections, coded lists. */
@Injectable()
export class ReferenceRepository {
  constructor(@InjectRepository(Country) private readonly countries: Repository<Country>) {}

  allCountries(): Promise<Array<{ alpha3: string; alpha2: string; name: string }>> {
    return this.countries.query('SELECT alpha3, alpha2, name FROM countries ORDER BY name');
  }

  lawSections(): Promise<Array<{ code: string; act: string; section: string; family: string; title: string }>> {
    return this.countries.query('SELECT code, act, section, family, title FROM law_sections ORDER BY act, code');
  }

  codeListItems(): Promise<Array<{ list: string; code: string; label: string }>> {
    return this.countries.query('SELECT list, code, label FROM code_list_items ORDER BY list, position');
  }

  /** Which of the given alpha-3 codes name a country. */
  async knownCountries(alpha3: string[], manager?: EntityManager): Promise<Set<string>> {
    if (!alpha3.length) return new Set();
    const found = await within(this.countries, manager).findBy({ alpha3: In([...new Set(alpha3)]) });
    return new Set(found.map((c) => c.alpha3));
  }
}
