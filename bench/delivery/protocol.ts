/** What bench/delivery's parent (index.ts) and the app's process (server.ts) share. */
import type { DeliveryScale } from './seedDelivery.ts';

export interface DeliveryServerReady {
  base: string;
  accounts: { email: string; token: string }[];
  preparedSeconds: number;
  scale: DeliveryScale;
}
