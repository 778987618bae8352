import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'phoenix:is-public';

/** Marks a route that needs no credential. Every other gateway route requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
