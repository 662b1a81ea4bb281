/** userError codes of the catalog beyond the shared ones in core/errors/user-error.ts (listed in the README). */
export const CatalogErrorCode = {
  /** A merchant tried to join an alliance of another region. */
  RegionMismatch: 'REGION_MISMATCH',
} as const;
