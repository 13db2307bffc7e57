import { Module } from '@nestjs/common';
import { InitialAdminService } from 'src/users/initial-admin.service';
import { UsersController } from 'src/users/users.controller';
import { UsersService } from 'src/users/users.service';

@Module({ controllers: [UsersController], providers: [UsersService, InitialAdminService], exports: [UsersService] })
export class UsersModule {}
