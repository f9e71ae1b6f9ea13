/** Whether this instance is on its way out: load balancers should stop sending it anything new. */
export class Lifecycle {
  draining = false;
}
