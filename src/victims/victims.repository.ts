import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CaseChildRepository } from 'src/cases/case-child.repository';
import { Victim } from 'src/victims/victim.entity';

@Injectable()
export class VictimsRepository extends CaseChildRepository<Victim> {
  constructor(@InjectRepository(Victim) victims: Repository<Victim>) {
    super(victims);
  }
}
