// The reports catalogue on Prisma: categories, their attributes and routing rules, services.
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { CatalogueStore } from "../ports/catalogueStore.ts";
import { attributeFromModel, categoryFromModel } from "./reportRows.ts";

export function prismaCatalogueStore(prisma: PrismaClient): CatalogueStore {
  return {
    async listCategories(includeInactive) {
      const rows = await prisma.reportCategory.findMany({
        where: includeInactive ? {} : { active: true },
        orderBy: [{ position: "asc" }, { code: "asc" }],
      });
      return rows.map(categoryFromModel);
    },
    async categoriesByIds(ids) {
      const rows = await prisma.reportCategory.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(categoryFromModel);
    },
    async categoryByCode(code) {
      const row = await prisma.reportCategory.findUnique({ where: { code } });
      return row ? categoryFromModel(row) : null;
    },
    async attributesOfCategories(categoryIds) {
      const rows = await prisma.reportCategoryAttribute.findMany({
        where: { categoryId: { in: [...categoryIds] } },
        orderBy: [{ position: "asc" }, { code: "asc" }],
      });
      return rows.map(attributeFromModel);
    },
    async routingRules(categoryId) {
      const rows = await prisma.reportRoutingRule.findMany({ where: { categoryId } });
      return new Map(rows.map((row) => [row.communeInseeCode, row.serviceCode]));
    },
    listServices: () =>
      prisma.responsibleService.findMany({ select: { code: true, name: true }, orderBy: { name: "asc" } }),
    servicesByCodes: (codes) =>
      prisma.responsibleService.findMany({
        where: { code: { in: [...codes] } },
        select: { code: true, name: true },
      }),
  };
}
