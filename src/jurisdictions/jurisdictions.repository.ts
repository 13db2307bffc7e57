import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { within } from 'src/database/transactions';
import { DistrictAlias } from 'src/jurisdictions/district-alias.entity';
import { District } from 'src/jurisdictions/district.entity';
import { Jurisdiction } from 'src/jurisdictions/jurisdiction.entity';

export interface DistrictRow {
  code: string;
  name: string;
  valid_from: string | null;
  valid_to: string | null;
  aliases: string[];
}

export interface DistrictNameRow {
  code: string;
  jurisdiction_code: string;
  name: string;
  alias_key: string | null;
}

/** Jurisdictions, their districts and the other names the districts go by. */
@Injectable()
export class JurisdictionsRepository {
  constructor(
    @InjectRepository(Jurisdiction) private readonly jurisdictions: Repository<Jurisdiction>,
    @InjectRepository(District) private readonly districts: Repository<District>,
    @InjectRepository(DistrictAlias) private readonly aliases: Repository<DistrictAlias>,
  ) {}

  list(manager?: EntityManager): Promise<Jurisdiction[]> {
    return within(this.jurisdictions, manager).find({ order: { name: 'ASC' } });
  }

  find(code: string): Promise<Jurisdiction | null> {
    return this.jurisdictions.findOneBy({ code });
  }

  exists(code: string, manager?: EntityManager): Promise<boolean> {
    return within(this.jurisdictions, manager).existsBy({ code });
  }

  /** A jurisdiction's districts, each with its aliases (the official name excluded). */
  districtsOf(jurisdictionCode: string): Promise<DistrictRow[]> {
    return this.districts.query(
      `SELECT district.code, district.name, district.valid_from::text, district.valid_to::text,
              COALESCE(array_agg(alias.alias ORDER BY alias.alias) FILTER (WHERE alias.alias IS NOT NULL), '{}') AS aliases
         FROM districts district
         LEFT JOIN district_aliases alias ON alias.district_code = district.code AND alias.alias <> district.name
        WHERE district.jurisdiction_code = $1
        GROUP BY district.code ORDER BY district.name`,
      [jurisdictionCode],
    );
  }

  /** Every name (official or alias) of the districts valid today. */
  currentDistrictNames(): Promise<DistrictNameRow[]> {
    return this.districts.query(
      `SELECT district.code, district.jurisdiction_code, district.name, alias.alias_key
         FROM districts district LEFT JOIN district_aliases alias ON alias.district_code = district.code
        WHERE district.valid_to IS NULL OR district.valid_to >= CURRENT_DATE`,
    );
  }

  findDistrict(code: string): Promise<District | null> {
    return this.districts.findOneBy({ code });
  }

  districtExists(code: string, manager?: EntityManager): Promise<boolean> {
    return within(this.districts, manager).existsBy({ code });
  }

  async addDistrict(
    district: Pick<District, 'code' | 'jurisdictionCode' | 'name' | 'validFrom'>,
    manager?: EntityManager,
  ): Promise<void> {
    await within(this.districts, manager).insert(district);
  }

  findAlias(aliasKey: string, manager?: EntityManager): Promise<DistrictAlias | null> {
    return within(this.aliases, manager).findOneBy({ aliasKey });
  }

  async addAlias(
    alias: Pick<DistrictAlias, 'districtCode' | 'alias' | 'aliasKey' | 'validFrom'>,
    manager?: EntityManager,
  ): Promise<void> {
    await within(this.aliases, manager).insert(alias);
  }
}
