import { privacyConfig } from '../privacy/privacy-config';
import { fieldDimension } from './user-details-dimensions';

/**
 * The user fields an activity row keeps from when it happened, as dimensions of
 * the activity cube. Named like the user fields, so they get the same privacy
 * class, and so "by User Group" reads the same before and after anonymization.
 */
export function snapshotDimensions() {
  return Object.fromEntries(privacyConfig().activitySnapshot.map((field) => [field.member, fieldDimension(field)]));
}
