const P=require('tree-sitter'),C=require('tree-sitter-c');const p=new P();p.setLanguage(C);
for (const s of process.argv.slice(2)) { const t=p.parse(s); console.log(JSON.stringify(s), '\n  ', t.rootNode.toString()); }
