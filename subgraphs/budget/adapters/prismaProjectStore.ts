// Projects, their status history, reviews, milestones and notes on Prisma.
import { containsText } from "../../../platform/db/textSearch.ts";
import { newId } from "../../../platform/ids.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { ProjectReads, ProjectTx } from "../ports/projectStore.ts";
import { rawQuery, type Tx } from "./prismaTx.ts";
import { SELECT_PROJECT, toProject, toReview, toStatusChange } from "./rows.ts";

export function projectTx(tx: Tx): ProjectTx {
  const query = rawQuery(tx);
  return {
    async projects(ids) {
      if (ids.length === 0) return [];
      const rows = await query(
        `SELECT ${SELECT_PROJECT} FROM budget.project WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        ids,
      );
      return rows.map(toProject);
    },
    async peekProjects(ids) {
      if (ids.length === 0) return [];
      const rows = await tx.budgetProject.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(toProject);
    },
    async projectsOfCampaign(campaignId, statuses) {
      const rows = await query(
        `SELECT ${SELECT_PROJECT} FROM budget.project WHERE campaign_id = $1::uuid AND status = ANY($2::text[])
         ORDER BY id FOR UPDATE`,
        campaignId,
        statuses,
      );
      return rows.map(toProject);
    },
    async statusCounts(campaignId) {
      const groups = await tx.budgetProject.groupBy({
        by: ["status"],
        where: { campaignId },
        _count: { _all: true },
      });
      return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
    },
    async insertProject(project, actorId) {
      await tx.budgetProject.create({ data: project });
      await tx.budgetStatusChange.create({
        data: {
          id: newId(),
          projectId: project.id,
          fromStatus: null,
          toStatus: project.status,
          reason: null,
          actorId,
          occurredAt: project.createdAt,
        },
      });
    },
    async changeStatus(projects, to, change) {
      if (projects.length === 0) return;
      await tx.budgetProject.updateMany({
        where: { id: { in: projects.map((project) => project.id) } },
        data: { status: to, updatedAt: change.at },
      });
      await tx.budgetStatusChange.createMany({
        data: projects.map((project) => ({
          id: newId(),
          projectId: project.id,
          fromStatus: project.status,
          toStatus: to,
          reason: change.reason,
          actorId: change.actorId,
          occurredAt: change.at,
        })),
      });
    },
    async updateProject(id, patch, at) {
      await tx.budgetProject.update({ where: { id }, data: { ...patch, updatedAt: at } });
    },
    async insertReview(review) {
      await tx.budgetReview.create({ data: review });
    },
    async insertMilestone(milestone) {
      await tx.budgetMilestone.create({ data: milestone });
    },
    async updateMilestone(id, projectId, patch) {
      const { count } = await tx.budgetMilestone.updateMany({ where: { id, projectId }, data: patch });
      return count === 1;
    },
    async insertNote(note) {
      await tx.budgetNote.create({ data: note });
    },
  };
}

export function projectReads(prisma: PrismaClient): ProjectReads {
  return {
    async projectsByIds(ids) {
      const rows = await prisma.budgetProject.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(toProject);
    },
    async listProjects(filter, page) {
      const search = filter.search
        ? {
            OR: [{ title: containsText(filter.search) }, { description: containsText(filter.search) }],
          }
        : {};
      const where = {
        ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
        ...(filter.envelopeId ? { envelopeId: filter.envelopeId } : {}),
        ...(filter.quartierId ? { quartierId: filter.quartierId } : {}),
        ...(filter.authorId ? { authorId: filter.authorId } : {}),
        ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
        ...search,
      };
      const [rows, total] = await Promise.all([
        prisma.budgetProject.findMany({
          where: { ...where, ...(page.after ? { id: { gt: page.after.id } } : {}) },
          orderBy: { id: "asc" },
          take: page.first + 1,
        }),
        prisma.budgetProject.count({ where }),
      ]);
      return { rows: rows.map(toProject), total };
    },
    async projectsMergedInto(projectIds) {
      const rows = await prisma.budgetProject.findMany({
        where: { mergedIntoId: { in: [...projectIds] } },
        orderBy: { id: "asc" },
      });
      return rows.map(toProject);
    },
    async statusChangesOf(projectIds) {
      const rows = await prisma.budgetStatusChange.findMany({
        where: { projectId: { in: [...projectIds] } },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toStatusChange);
    },
    async reviewsOf(projectIds) {
      const rows = await prisma.budgetReview.findMany({
        where: { projectId: { in: [...projectIds] } },
        orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toReview);
    },
    milestonesOf: (projectIds) =>
      prisma.budgetMilestone.findMany({
        where: { projectId: { in: [...projectIds] } },
        orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      }),
    notesOf: (projectIds) =>
      prisma.budgetNote.findMany({
        where: { projectId: { in: [...projectIds] } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
    async projectCounts(campaignIds) {
      const groups = await prisma.budgetProject.groupBy({
        by: ["campaignId"],
        where: { campaignId: { in: [...campaignIds] }, status: { not: "merged" } },
        _count: { _all: true },
      });
      return new Map(groups.map((group) => [group.campaignId, group._count._all]));
    },
    async projectsInBox(box, limit) {
      const rows = await prisma.budgetProject.findMany({
        where: {
          latitude: { gte: box.south, lte: box.north },
          longitude: { gte: box.west, lte: box.east },
          status: { not: "merged" },
        },
        orderBy: { id: "desc" },
        take: limit,
      });
      return rows.map(toProject);
    },
  };
}
