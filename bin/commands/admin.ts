import { readFileSync } from 'node:fs';
import { createAgentStore } from '../../functions/core/agents.js';
import { createHoursStore } from '../../functions/core/hours/hours-store.js';
import { HoursConfigError } from '../../functions/core/hours/hours-config.js';
import { openStorage } from '../../functions/local/local-storage.js';
import { CliError } from './cli-error.js';

/** `agents add NAME [--admin] [--can-publish]`: creates an agent and prints its token (shown once). */
export async function addAgent(name: string, options: { admin?: boolean; canPublish?: boolean } = {}) {
  const storage = await openStorage(process.env);
  try {
    const { agent, token } = await createAgentStore(storage.db).add(name, {
      role: options.admin ? 'admin' : 'agent',
      canPublish: options.canPublish ?? false,
    });
    console.log(
      `agent ${agent.name} (${agent.id}) created; sign in to the agent console with this token:\n${token}`,
    );
  } finally {
    await storage.close();
  }
}

/** `agents list`: id, name, role, whether "Save as FAQ" publishes, and whether the agent is disabled. */
export async function listAgents() {
  const storage = await openStorage(process.env);
  try {
    for (const agent of await createAgentStore(storage.db).list()) {
      const rights = [agent.role, agent.canPublish ? 'publishes' : 'drafts'];
      console.log(
        `${agent.id}  ${agent.name}  ${rights.join(', ')}  ${agent.disabled ? 'disabled' : 'active'}`,
      );
    }
  } finally {
    await storage.close();
  }
}

/** `agents disable NAME`: refuses the token of the agent with that name (or id) from now on. */
export async function disableAgent(nameOrId: string) {
  const storage = await openStorage(process.env);
  try {
    const store = createAgentStore(storage.db);
    const matching = (await store.list()).filter((a) => a.id === nameOrId || a.name === nameOrId);
    if (matching.length === 0) throw new CliError(`no agent named ${nameOrId}; see \`agents list\``);
    if (matching.length > 1) {
      throw new CliError(`${matching.length} agents are named ${nameOrId}; disable one by its id`);
    }
    const agent = await store.update(matching[0]!.id, { disabled: true });
    console.log(`agent ${agent.name} (${agent.id}) disabled; its token is refused from now on`);
  } finally {
    await storage.close();
  }
}

/** `hours set FILE`: validates and stores the staffed hours. */
export async function setHours(file: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const storage = await openStorage(process.env);
  try {
    const config = await createHoursStore(storage.db).set(json);
    console.log(`staffed hours set (time zone ${config.timeZone})`);
  } catch (error) {
    if (error instanceof HoursConfigError) throw new CliError(`${file} was not applied:\n${error.message}`);
    throw error;
  } finally {
    await storage.close();
  }
}
