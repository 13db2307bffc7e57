import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JurisdictionsModule } from 'src/jurisdictions/jurisdictions.module';
import { ReportingUnitsModule } from 'src/reporting-units/reporting-units.module';
import { InitialAdminService } from 'src/users/initial-admin.service';
import { User } from 'src/users/user.entity';
import { UsersController } from 'src/users/users.controller';
import { UsersRepository } from 'src/users/users.repository';
import { UsersService } from 'src/users/users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), JurisdictionsModule, ReportingUnitsModule],
  controllers: [UsersController],
  providers: [UsersService, UsersRepository, InitialAdminService],
  exports: [UsersService, UsersRepository],
})
export class UsersModule {}
