export * from './credentials';
export * from './hmac';
export * from './principal';
export * from './tenant-directory';
export * from './jwt-strategies';
export * from './auth.decorator';
export * from './gateway-auth.guard';
export * from './gateway-auth.providers';
