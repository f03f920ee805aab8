// Open-data permissions (anything not listed is denied): the list of datasets is public; the rows of the datasets go out only through the
// /open-data routes, which ask for them as the system caller.
import type { IRules } from "graphql-shield";
import { allow, hasRole, isSystem, or } from "../../platform/permissions.ts";

export const permissions: IRules = {
  Query: {
    openDataDatasets: allow,
    _openDataRows: isSystem,
    openDataPublicationRuns: or(hasRole("admin"), isSystem),
  },
  Mutation: { _publishOpenData: isSystem, _openDataChanged: isSystem },
  OpenDataDataset: allow,
  OpenDataPublicationRun: allow,
  OpenDataPublicationResult: allow,
};
