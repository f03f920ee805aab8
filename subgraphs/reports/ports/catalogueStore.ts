// What the reports subgraph needs from storage for its catalogue: categories, their attributes and routing, and
// the city's services.
import type { AttributeDefinition, CategoryRecord, ServiceRecord } from "../domain/model.ts";

export interface CatalogueStore {
  listCategories(includeInactive: boolean): Promise<CategoryRecord[]>;
  categoriesByIds(ids: readonly string[]): Promise<CategoryRecord[]>;
  categoryByCode(code: string): Promise<CategoryRecord | null>;
  attributesOfCategories(categoryIds: readonly string[]): Promise<AttributeDefinition[]>;
  /** Commune INSEE code → service code, for one category. */
  routingRules(categoryId: string): Promise<Map<string, string>>;
  listServices(): Promise<ServiceRecord[]>;
  servicesByCodes(codes: readonly string[]): Promise<ServiceRecord[]>;
}
