import pino from 'pino';

const log = pino();
log.info('notifier listening for jobs');
