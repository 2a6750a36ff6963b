import { IANAZone } from 'luxon';
import * as z from 'zod';

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Settings read from the environment once per process (a cold start in Lambda); see the README's table. */
export const Config = z.object({
  tableName: z.string().min(1).default('frontdesk'),
  region: z.string().min(1).default('us-east-1'),
  /** Endpoints of DynamoDB/SQS stand-ins; unset in AWS. */
  dynamoEndpoint: z.url().optional(),
  sqsEndpoint: z.url().optional(),
  inboundQueueUrl: z.string().min(1),
  ticketsQueueUrl: z.string().min(1),
  outboundQueueUrl: z.string().min(1),
  /** Replies to Teams (Bot Framework); unset: they go to the outbound queue like the others. */
  outboundBotframeworkQueueUrl: z.string().min(1).optional(),
  /** Signs web-chat conversation tokens; at least 32 characters. */
  webSecret: z.string().min(32, 'FRONTDESK_WEB_SECRET must be at least 32 characters'),
  adminToken: z.string().min(16, 'FRONTDESK_ADMIN_TOKEN must be at least 16 characters').optional(),
  publicUrl: z.url().optional(),
  /** The WebSocket URL of live updates when it is not this API's own /web/conversations/{id}/live (API Gateway). */
  liveUrl: z.url().optional(),
  answerThreshold: z.coerce.number().min(0).max(1).optional(),
  suggestThreshold: z.coerce.number().min(0).max(1).optional(),
  /** After this many unanswered messages in a row the bot offers a person. */
  offerHumanAfter: z.coerce.number().int().min(1).default(2),
  /** A transfer ticket nobody claims within this time gets the user an offer to leave a message. */
  claimTimeoutSeconds: seconds(180),
  maxMessageChars: z.coerce.number().int().min(1).max(10_000).default(1000),
  messagesPerMinute: z.coerce.number().int().min(1).default(20),
  conversationsPerMinute: z.coerce.number().int().min(1).default(30),
  /** The zone reports count days and hours in; unset: the staffed hours' zone. */
  timeZone: z
    .string()
    .refine((zone) => IANAZone.isValidZone(zone), 'FRONTDESK_TIME_ZONE must be an IANA time zone')
    .optional(),
  /** The first-response target of the reports' "SLA met" share. */
  slaSeconds: seconds(300),
});
export type Config = z.infer<typeof Config>;

/** Maps environment variables onto Config; throws a ZodError that names each bad variable's field. */
export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  return Config.parse(configInput(env));
}

/** The environment variables behind each Config field, unparsed (for functions that need only some fields). */
export function configInput(env: NodeJS.ProcessEnv) {
  return {
    tableName: env.FRONTDESK_TABLE,
    region: env.AWS_REGION,
    dynamoEndpoint: env.DYNAMODB_ENDPOINT,
    sqsEndpoint: env.SQS_ENDPOINT,
    inboundQueueUrl: env.FRONTDESK_INBOUND_QUEUE_URL,
    ticketsQueueUrl: env.FRONTDESK_TICKETS_QUEUE_URL,
    outboundQueueUrl: env.FRONTDESK_OUTBOUND_QUEUE_URL,
    outboundBotframeworkQueueUrl: env.FRONTDESK_OUTBOUND_BOTFRAMEWORK_QUEUE_URL,
    webSecret: env.FRONTDESK_WEB_SECRET,
    adminToken: env.FRONTDESK_ADMIN_TOKEN,
    publicUrl: env.FRONTDESK_PUBLIC_URL,
    liveUrl: env.FRONTDESK_LIVE_URL,
    answerThreshold: env.FRONTDESK_ANSWER_THRESHOLD,
    suggestThreshold: env.FRONTDESK_SUGGEST_THRESHOLD,
    offerHumanAfter: env.FRONTDESK_OFFER_HUMAN_AFTER,
    claimTimeoutSeconds: env.FRONTDESK_CLAIM_TIMEOUT_SECONDS,
    maxMessageChars: env.FRONTDESK_MAX_MESSAGE_CHARS,
    messagesPerMinute: env.FRONTDESK_MESSAGES_PER_MINUTE,
    conversationsPerMinute: env.FRONTDESK_CONVERSATIONS_PER_MINUTE,
    timeZone: env.FRONTDESK_TIME_ZONE,
    slaSeconds: env.FRONTDESK_SLA_SECONDS,
  };
}
