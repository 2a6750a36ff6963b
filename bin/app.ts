import { App } from 'aws-cdk-lib';
import { addFrontdesk } from '../lib/app.js';

// `npx cdk synth` / `npx cdk deploy`: the regions and options come from cdk.json (docs/deploy.md).
addFrontdesk(new App());
