/** Entry point of bin/lbkit.js. */
import { main } from './main';
import { PLUGINS } from './plugins';

void main(process.argv, PLUGINS);
