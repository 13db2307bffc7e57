import { ReportingUnitsModule } from 'src/reporting-units/reporting-units.module';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { ImportBatch } from 'src/imports/import-batch.entity';
import { ImportBatchesRepository } from 'src/imports/import-batches.repository';
import { ImportsController } from 'src/imports/imports.controller';
import { ImportsService } from 'src/imports/imports.service';
import { ReportService } from 'src/imports/report.service';
import { UploadRetention } from 'src/imports/storage/upload-retention';
import { UploadVault } from 'src/imports/storage/upload-vault';
import { TemplateService } from 'src/imports/template.service';
import { JurisdictionsModule } from 'src/jurisdictions/jurisdictions.module';
import { StatisticsModule } from 'src/statistics/statistics.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([ImportBatch]),
    JurisdictionsModule,
    ReportingUnitsModule,
    StatisticsModule,
    // uploads are held in memory up to the configured cap (413 beyond it), then parsed as a stream
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 5 } }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService, ImportBatchesRepository, TemplateService, ReportService, UploadVault, UploadRetention],
})
export class ImportsModule {}
