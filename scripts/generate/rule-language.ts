/**
 * `npm run generate`: writes what is generated from the rule-language definitions
 * (src/rules/language/): the published schema/rules.schema.json, the `defaults` of
 * schema/port.schema.json and the generated tables of docs/rules.md. test/rules/language.test.ts fails when the
 * committed files differ from these.
 */
import * as fs from 'fs';
import * as path from 'path';
import { rulesDocText } from '../../src/rules/language/docs';
import { portSchemaText, rulesSchemaText } from '../../src/rules/language/schema';

const root = path.join(__dirname, '..', '..');
const schemaFile = path.join(root, 'schema', 'rules.schema.json');
const docsFile = path.join(root, 'docs', 'rules.md');
fs.writeFileSync(schemaFile, rulesSchemaText());
const portFile = path.join(root, 'schema', 'port.schema.json');
fs.writeFileSync(portFile, portSchemaText(fs.readFileSync(portFile, 'utf8')));
fs.writeFileSync(docsFile, rulesDocText(fs.readFileSync(docsFile, 'utf8')));
process.stdout.write(
  'wrote schema/rules.schema.json, schema/port.schema.json (defaults) and the generated tables of docs/rules.md\n',
);
