/** Buttons on an approval request message; each button's value is the request id (no secret). */
export const APPROVAL_ACTIONS = {
  approve: 'approval_approve',
  deny: 'approval_deny',
  cancel: 'approval_cancel',
} as const;

/** The Deny modal (optional reason); its private_metadata is the request id. */
export const DENY_CALLBACK_ID = 'postage_deny';
export const DENY_REASON_BLOCK = 'deny_reason';

/** Requests expire after this long (message edited, requester told, pass phrase deleted). */
export const APPROVAL_TTL_MS = 24 * 60 * 60 * 1000;

export const NOT_YOURS_TO_APPROVE = 'This request is not yours to approve.';
export const NOT_YOURS_TO_CANCEL = 'Only the person who asked can cancel this request.';
