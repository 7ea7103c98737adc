// Issue #8: notice choices without server code, so pages can import them (notices.server.ts uses them too).

export const noticeKinds = ["response", "consultation_status", "assessment_published", "contest_answered", "grievance"] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** Whether notices also come by email: never, each at once, or once a day. */
export const noticeEmailChoices = ["none", "each", "daily"] as const;
export type NoticeEmailChoice = (typeof noticeEmailChoices)[number];
