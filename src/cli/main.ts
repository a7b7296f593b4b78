#!/usr/bin/env -S node --max-semi-space-size=64
// A larger young generation: a scan keeps every parsed object alive, and the default 16 MiB
// semi-space makes the garbage collector copy them over and over (the bench shows the difference).
import { main } from './program.ts';

process.exitCode = await main(process.argv);
