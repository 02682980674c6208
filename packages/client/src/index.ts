/** @module @portcullis/client */
export {};
