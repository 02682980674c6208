/** @module @portcullis/model */
export {};
