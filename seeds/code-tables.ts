/**
 * Contents of the code tables Alma draws user values from. The seeded users
 * take their groups, job titles, genders, campuses, languages, statistical
 * categories, letters, resource sharing libraries and linked institutions from here.
 */

export type CodeRow = readonly [code: string, name: string];

export const USER_GROUPS: readonly CodeRow[] = [
  ['UGRAD', 'Undergraduate'],
  ['GRAD', 'Graduate'],
  ['FACULTY', 'Faculty'],
  ['STAFF', 'Staff'],
  ['EXTERNAL', 'External reader'],
  ['ALUMNI', 'Alumni'],
];

export const JOB_CATEGORIES: readonly CodeRow[] = [
  ['STUDENT', 'Student'],
  ['RESEARCH_ASSISTANT', 'Research assistant'],
  ['LECTURER', 'Lecturer'],
  ['PROFESSOR', 'Professor'],
  ['LIBRARIAN', 'Librarian'],
  ['ADMINISTRATOR', 'Administrator'],
  ['TECHNICIAN', 'Technician'],
  ['VISITOR', 'Visiting reader'],
  ['RETIRED', 'Retired'],
];

export const GENDERS: readonly CodeRow[] = [
  ['FEMALE', 'Female'],
  ['MALE', 'Male'],
  ['OTHER', 'Other'],
  ['NONE', 'Prefer not to say'],
];

export const CAMPUSES: readonly CodeRow[] = [
  ['MAIN', 'Main campus'],
  ['MED', 'Medical campus'],
  ['LAW', 'Law campus'],
  ['ARTS', 'Arts campus'],
];

export const LANGUAGES: readonly CodeRow[] = [
  ['en', 'English'],
  ['fr', 'French'],
  ['de', 'German'],
  ['es', 'Spanish'],
  ['zh', 'Chinese'],
  ['ar', 'Arabic'],
];

/** The institution's own resource sharing libraries; users belong to one. */
export const LOCAL_RESOURCE_SHARING_LIBRARIES: readonly CodeRow[] = [
  ['MAIN_RS', 'Main Library Resource Sharing'],
  ['MED_RS', 'Medical Library Resource Sharing'],
];

/** Partners borrowing requests go to. */
export const PARTNER_LIBRARIES: readonly CodeRow[] = [
  ['BLDSC', 'British Library Document Supply'],
  ['RAPID', 'RapidILL'],
  ['NORTH_UL', 'North University Library'],
  ['WEST_UL', 'West University Library'],
  ['EAST_IT', 'East Institute of Technology Library'],
];

export const RESOURCE_SHARING_LIBRARIES: readonly CodeRow[] = [...LOCAL_RESOURCE_SHARING_LIBRARIES, ...PARTNER_LIBRARIES];

/** Institutions of the network that users can be linked from. */
export const INSTITUTIONS: readonly CodeRow[] = [
  ['01NORTH_INST', 'North University'],
  ['01WEST_INST', 'West University'],
  ['01EAST_INST', 'East Institute of Technology'],
  ['01SOUTH_INST', 'South College of Art'],
  ['01CITY_INST', 'City Medical School'],
];

export const PATRON_LETTERS: readonly CodeRow[] = [
  ['COURTESY', 'Courtesy notice'],
  ['OVERDUE', 'Overdue notice'],
  ['HOLD_SHELF', 'On hold shelf'],
  ['FINES_FEES', 'Fines and fees report'],
  ['BORROWING_ACTIVITY', 'Borrowing activity'],
  ['RS_STATUS', 'Resource sharing request status'],
];

/** Statistical category values, by category number (1 to 10): code and description. */
export const STATISTICAL_CATEGORIES: Readonly<Record<number, readonly CodeRow[]>> = {
  1: [['ARTS', 'Arts and Humanities'], ['SCI', 'Science'], ['ENG', 'Engineering'], ['MED', 'Medicine'], ['LAW', 'Law'], ['BUS', 'Business']],
  2: [['Y1', 'First year'], ['Y2', 'Second year'], ['Y3', 'Third year'], ['Y4', 'Fourth year'], ['PG', 'Postgraduate']],
  3: [['DOM', 'Domestic'], ['INT', 'International']],
  4: [['FT', 'Full-time'], ['PT', 'Part-time'], ['DL', 'Distance learning']],
  5: [['SELF', 'Self-funded'], ['SCHOL', 'Scholarship'], ['SPONS', 'Sponsored']],
  6: [['NONE', 'No adjustments'], ['EXT_LOAN', 'Extended loans'], ['ALT_FORMAT', 'Alternative formats']],
  7: [['STD', 'Standard borrowing'], ['EXT', 'Extended borrowing'], ['REF', 'Reference only']],
  8: [['LIB', 'Library'], ['IT', 'IT services'], ['ADM', 'Administration'], ['EST', 'Estates'], ['RES', 'Research office']],
  9: [['RECENT', 'Graduated within 5 years'], ['EARLIER', 'Graduated over 5 years ago']],
  10: [['YES', 'Consented to usage research'], ['NO', 'Declined usage research']],
};

/** School (statistical category 1) each campus mostly teaches. */
export const SCHOOL_OF_CAMPUS: Readonly<Record<string, readonly string[]>> = {
  MAIN: ['SCI', 'ENG', 'BUS', 'ARTS'],
  MED: ['MED'],
  LAW: ['LAW'],
  ARTS: ['ARTS'],
};
