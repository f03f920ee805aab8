// The one list of personal fields of the supergraph, by schema coordinate (Type.field). The gateway's audit plugin
// (auditPlugin.ts) records every staff or partner operation whose response contained one of them.
//
// How a subgraph adds its own: when a field returns data about a person — a name, a contact detail, an address, or
// the link between a person's account and something (author, reporter, claimant…) — add its coordinate here, with
// a short French comment of what it reveals, in the same change as the field. Coordinates name object types (or an
// interface, which covers every type implementing it). tests/audit/personalFields.test.ts fails when an entry names a
// field that no longer exists in the composed supergraph, so a renamed field cannot silently leave the audit.
export const PERSONAL_FIELDS: Readonly<Record<string, string>> = {
  // identity — the account and its MonStrasbourg.eu profile
  "Account.displayName": "nom public (prénom et initiale du nom)",
  "Account.profile": "profil MonStrasbourg.eu",
  "Account.homeQuartier": "quartier d'habitation choisi",
  "Account.verificationLevel": "niveau de vérification (habitant vérifié ou non)",
  "AccountProfile.givenName": "prénom",
  "AccountProfile.familyName": "nom de famille",
  "AccountProfile.email": "adresse électronique",
  // reports — who reported, and the contact details they left
  "Report.reporter": "compte de l'auteur d'un signalement",
  "Report.reporterContact": "coordonnées de l'auteur d'un signalement",
  "ReporterContact.firstName": "prénom de l'auteur d'un signalement",
  "ReporterContact.lastName": "nom de l'auteur d'un signalement",
  "ReporterContact.email": "adresse électronique de l'auteur d'un signalement",
  "ReporterContact.phone": "téléphone de l'auteur d'un signalement",
  // petitions — authors and supporters
  "Petition.author": "compte de l'auteur d'une pétition",
  "Petition.coAuthors": "comptes des membres du comité de soutien",
  "Petition.invitedCoAuthors": "comptes des personnes invitées au comité de soutien",
  // budget — project authors
  "BudgetProject.author": "compte de l'auteur d'un projet",
  // comments — authors, and what people wrote when reporting abuse (read by moderators)
  "Comment.author": "compte de l'auteur d'un commentaire",
  "Comment.abuseReports": "signalements d'abus sur un commentaire (motifs et précisions des personnes)",
  // participation — who referred a matter to the Observatory (read by staff)
  "ObservatoryReferral.referrer": "auteur d'une saisine de l'Observatoire de la participation",
  "ObservatoryReferrer.collectiveName": "nom du collectif auteur d'une saisine de l'Observatoire",
  "ObservatoryReferrer.account": "compte de l'auteur d'une saisine de l'Observatoire",
  // directory — people acting for organisations
  "OrganizationClaim.claimant": "compte de la personne qui demande à représenter une organisation",
  "OrganizationEditProposal.proposedBy": "compte de la personne qui propose une modification",
};

export const PERSONAL_FIELD_SET: ReadonlySet<string> = new Set(Object.keys(PERSONAL_FIELDS));
