import { Module } from '@nestjs/common';
import { ReferenceController } from 'src/reference/reference.controller';

@Module({ controllers: [ReferenceController] })
export class ReferenceModule {}
