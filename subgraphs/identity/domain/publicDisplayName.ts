// The name a person shows to everyone: first name and the initial of the family name ("Camille M."),
// enough to recognise an author, too little to identify a stranger (data minimisation).
import type { Profile } from "../ports/accountDirectory.ts";

export function publicDisplayName(profile: Profile): string | null {
  const given = profile.givenName?.trim();
  const family = profile.familyName?.trim();
  if (!given) return family ? `${family.charAt(0).toLocaleUpperCase("fr-FR")}.` : null;
  return family ? `${given} ${family.charAt(0).toLocaleUpperCase("fr-FR")}.` : given;
}
