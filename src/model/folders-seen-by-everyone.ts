import { privacyConfig } from '../privacy/privacy-config';
import { treatmentOfMember } from './member-treatment';
import { modelMembers, type ModelDefinition, type ModelFolder as Folder } from './model-members';

function keepSeenByEveryone(folder: Folder, sourceOf: (name: string) => string): Folder {
  const groups = privacyConfig().groups;
  return {
    ...folder,
    includes: folder.includes
      .map((item) => (typeof item === 'string' ? item : keepSeenByEveryone(item, sourceOf)))
      .filter((item) => typeof item !== 'string' || groups.every((group) => treatmentOfMember(sourceOf(item), group) !== 'hidden')),
  };
}

/**
 * A view's folders with only the members every group sees. Cube lists folder
 * members in /meta without applying access policies, so a folder naming a
 * hidden member would tell a caller that the member exists; members some group
 * may not see stay at the view's top level, where /meta does apply the policies.
 */
export function foldersSeenByEveryone(definition: ModelDefinition) {
  if (!definition.folders) return {};
  const sources = new Map(modelMembers(definition).map((member) => [member.name, member.source]));
  return { folders: definition.folders.map((folder) => keepSeenByEveryone(folder, (name) => sources.get(name) ?? name)) };
}
