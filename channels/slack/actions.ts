/** Ids that tie our Block Kit buttons and modals to what a click means; parse and blocks share them. */
export const ACTION = {
  /** Prefix of an end user's choice button; the button's value is the choice id. */
  choice: 'fd_choice_',
  claim: 'fd_desk_claim',
  resolve: 'fd_desk_resolve',
  openFaq: 'fd_desk_faq',
} as const;

/** The "Save as FAQ" modal: its callback id and the block (= action) ids of its two inputs. */
export const FAQ_VIEW = { callbackId: 'fd_desk_faq', question: 'question', answer: 'answer' } as const;

/** A Slack user working as an agent; Slack's signature on the request vouches for the id. */
export interface SlackAgent {
  userId: string;
  name: string;
}

/** A click on a ticket card's button (Claim, Resolve, Save as FAQ). */
export interface SlackButtonAction {
  type: 'claim' | 'resolve' | 'open-faq';
  ticketId: string;
  agent: SlackAgent;
  channel: string;
  messageTs: string;
  triggerId: string;
}

/** The "Save as FAQ" modal, submitted. */
export interface SlackFaqSubmission {
  type: 'save-faq';
  ticketId: string;
  agent: SlackAgent;
  question: string;
  answer: string;
}

/** A message in a thread of the agent channel. */
export interface SlackThreadReply {
  type: 'reply';
  agent: SlackAgent;
  channel: string;
  threadTs: string;
  text: string;
}

/** What an agent did in the agent channel; functions/desk turns it into agent-desk calls. */
export type SlackDeskAction = SlackButtonAction | SlackFaqSubmission | SlackThreadReply;
