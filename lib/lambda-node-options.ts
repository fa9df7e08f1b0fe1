/**
 * NODE_OPTIONS of every function the stack deploys (and of the core-scale benchmark, which must
 * measure the runtime as deployed).
 *
 * `--max-semi-space-size=16`: Node 22+ (V8 11.x and later) sizes the young generation from the
 * machine's memory, up to 64 MB semi-spaces, which V8 reserves and touches long before a 256 MB
 * Lambda needs them. Measured on the 100,000-client core-scale run: peak RSS 252 MB on Node 24's
 * default against 190 MB with 16 MB semi-spaces (Node 20's default, where the old figure of
 * 180 MB was taken) and no slower; 8 MB gave 177 MB but more scavenges. `--enable-source-maps`
 * keeps stack traces readable in the logs.
 */
export const LAMBDA_NODE_OPTIONS = '--enable-source-maps --max-semi-space-size=16';
