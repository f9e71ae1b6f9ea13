import { Injectable } from '@nestjs/common';

/** Whether this instance is on its way out: load balancers should stop sending it anything new. */
@Injectable()
export class Lifecycle {
  draining = false;
}
