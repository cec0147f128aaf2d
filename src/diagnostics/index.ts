/** Diagnostics stage: the catalog of codes, positions and formatting shared by all stages. */
export * from './catalog';
export * from './position';
export * from './excerpt';
