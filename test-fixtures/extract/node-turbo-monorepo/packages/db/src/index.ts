export interface Shipment {
  id: string;
  port: string;
}

export const shipments: Shipment[] = [];
