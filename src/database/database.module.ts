import { Global, Module } from '@nestjs/common';
import { Transactions } from 'src/database/transactions';

@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class DatabaseModule {}
