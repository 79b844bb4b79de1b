/** What every record of the model has. */
export interface Named {
  /** Unique within the topology: the URN for extracted resources. */
  id: string;
  /** The Pulumi logical name, used in every message. */
  name: string;
  /** The name the resource has in Azure, when known. */
  azureName?: string;
  tags?: Record<string, string>;
}
