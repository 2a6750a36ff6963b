import type { Channel } from '../types.js';
import type { LiveHub } from './live.js';

/**
 * The web chat. Replies to a message go back in the HTTP response; later messages (agents, notices) are
 * already in the transcript when they are delivered, so sending only tells the open widgets to fetch them.
 */
export function createWebChannel(hub: LiveHub): Channel {
  return {
    name: 'web',
    anonymousUsers: true,
    async send(to) {
      await hub.publish(to.conversationId);
    },
  };
}
