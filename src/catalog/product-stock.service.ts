import { Injectable } from '../core/container';
import { Database } from '../core/db/database';

export interface TakenStock {
  id: string;
  merchantId: string;
  title: string;
  priceMinor: number;
  currency: string;
  /** What is left after taking. */
  stock: number;
}

/**
 * A product's stock: the only writer of `products.stock`, for every slice that sells (orders) or holds units for a
 * sale to come (pools; auctions next). Changed only by conditional updates, so that concurrent buyers never take
 * more than there is: a take or a reservation either fits whole or changes nothing. `stock` is what is free to
 * sell; a reservation leaves it until released or sold.
 */
@Injectable()
export class ProductStockService {
  constructor(private readonly db: Database) {}

  /** Takes `quantity` units for a sale now; null when the product does not exist or has fewer left. */
  async take(productId: string, quantity: number): Promise<TakenStock | null> {
    const [taken] = await this.db.query<TakenStock>(
      `WITH taken AS (
         UPDATE products SET stock = stock - $2, updated_at = now()
          WHERE id = $1 AND stock >= $2 AND NOT archived
         RETURNING id, merchant_id AS "merchantId", title, price_minor AS "priceMinor", currency, stock)
       SELECT * FROM taken`,
      [productId, quantity],
    );
    return taken ?? null;
  }

  /**
   * Holds `quantity` units for a sale that is decided later (a pool's capacity), until `release` gives back what
   * was not sold; false when the product does not exist or has fewer left.
   */
  async reserve(productId: string, quantity: number): Promise<boolean> {
    return (await this.take(productId, quantity)) !== null;
  }

  /** Puts `quantity` units back: reserved units not sold, or sold units returned. */
  async release(productId: string, quantity: number): Promise<void> {
    if (quantity <= 0) return;
    await this.db.query(`UPDATE products SET stock = stock + $2, updated_at = now() WHERE id = $1`, [
      productId,
      quantity,
    ]);
  }

  /** Units in stock now; null when the product does not exist or is archived. */
  async left(productId: string): Promise<number | null> {
    const [row] = await this.db.query<{ stock: number }>(
      'SELECT stock FROM products WHERE id = $1 AND NOT archived',
      [productId],
    );
    return row?.stock ?? null;
  }
}
