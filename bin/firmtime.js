#!/usr/bin/env node
// The `firmtime` command: runs the compiled CLI (npm's prepare script builds dist/).
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
