/**
 * `npm run generate`: writes what is generated from the rule-language definitions
 * (src/rules/language/): the published schema/rules.schema.json and the generated tables of
 * docs/rules.md. test/rules/language.test.ts fails when the committed files differ from these.
 */
import * as fs from 'fs';
import * as path from 'path';
import { rulesDocText } from '../../src/rules/language/docs';
import { rulesSchemaText } from '../../src/rules/language/schema';

const root = path.join(__dirname, '..', '..');
const schemaFile = path.join(root, 'schema', 'rules.schema.json');
const docsFile = path.join(root, 'docs', 'rules.md');
fs.writeFileSync(schemaFile, rulesSchemaText());
fs.writeFileSync(docsFile, rulesDocText(fs.readFileSync(docsFile, 'utf8')));
process.stdout.write('wrote schema/rules.schema.json and the generated tables of docs/rules.md\n');
