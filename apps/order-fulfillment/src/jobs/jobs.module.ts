import { Module } from '@nestjs/common';
import { JobIntake } from './job-intake';
import { JobRepository } from './job.repository';
import { JobWorker } from './job-worker';

@Module({
  providers: [JobRepository, JobIntake, JobWorker],
  exports: [JobIntake],
})
export class JobsModule {}
