/**
 * The functions and operators a statement may use: the privacy boundary's one list,
 * so a statement can never be planned with what the boundary would refuse.
 */
export { ALLOWED_FUNCTIONS, ALLOWED_OPERATORS, DATE_FIELDS, TRUNC_UNITS, type AllowedFunction } from '../../boundary/allowed-functions';
